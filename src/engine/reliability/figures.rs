//! The figures computed from accumulated moments: alpha and its relatives.
