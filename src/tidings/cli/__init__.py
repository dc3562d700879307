"""The command-line interface: a thin shell over the Python API (see ``tidings.cli.main``)."""
