//! Tests of the Kazakh amendment parser (to be written).
