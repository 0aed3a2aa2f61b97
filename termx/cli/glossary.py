"""`termx glossary`: placeholder until its issue lands."""
