//! Demo city generator (being written).
