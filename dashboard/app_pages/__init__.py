"""One script per page of the dashboard; each draws its body inside `navigation.run_page`."""
