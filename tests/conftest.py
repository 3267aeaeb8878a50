"""Shared fixtures: small graphs and files built in the tests."""
