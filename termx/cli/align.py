"""`termx align`: placeholder until its issue lands."""
