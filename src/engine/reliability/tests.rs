//! Hand-computed examples of every figure.
