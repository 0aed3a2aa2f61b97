"""`termx extract`: placeholder until its issue lands."""
