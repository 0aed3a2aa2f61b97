from termx.cli import main

main()
