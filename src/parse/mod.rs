//! Reading the Kazakh text of amending acts into operations (to be written).
