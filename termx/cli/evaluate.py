"""`termx evaluate`: placeholder until its issue lands."""
