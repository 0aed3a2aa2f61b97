"""`termx check`: placeholder until its issue lands."""
