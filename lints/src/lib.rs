//! The onus rule engine: finds the places where code throws errors away.
