"""The Neo4j backend, through the official driver: `store` (the GraphStore) and `cypher`
(every statement it sends, parameterised, built in one module so the injection scan can read it).

Nothing is imported here, so `graph.neo4j.cypher` can be used without loading the driver.
"""
