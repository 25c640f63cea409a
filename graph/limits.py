"""The documented caps on every query. Over a cap is an error that names the cap, never a slow server."""

MAX_DEPTH = 3          #: neighbours / subgraph depth
MAX_HOPS = 6           #: shortest-path length
MAX_LIMIT = 1000       #: page size of any listing
MAX_PATHS = 20         #: shortest paths returned for one pair
MAX_SUBGRAPH_NODES = 5000  #: nodes in one neighbourhood or subgraph before it is truncated
DEFAULT_SUBGRAPH_NODES = 500
PROFILE_ITEMS = 500    #: items in each list of a zone profile (its counts say how many in all)
EXACT_BETWEENNESS_NODES = 1000  #: above this, betweenness is estimated from a fixed sample
BETWEENNESS_SAMPLE = 200        #: source nodes sampled (seed 0) when it is estimated
SUPPORT_PATHS = 20     #: paths shown in one grouped supporter row (its path_count says how many in all)
PATH_EXPAND_EDGES = 10_000  #: edges one level of a shortest-path search may read; past it the search declines
