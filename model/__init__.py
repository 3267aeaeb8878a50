"""The functional core of «Карта ответственности»: entities, the graph and pure functions over them."""
