"""Use cases: one typed function each, called alike by the screens, the command line and the tests."""
