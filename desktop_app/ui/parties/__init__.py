"""The people and organisations of a case, their numbers and accounts."""
