"""`termx review`: placeholder until its issue lands."""
