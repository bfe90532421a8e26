"""The map as a network: what the checks, the layouts and focus all walk over."""

from __future__ import annotations

import networkx as nx

from app.domain import MapData


def undirected(data: MapData) -> nx.Graph:
    """Every node, and one undirected link per connected pair, its ``strength`` the sum of the
    connections drawn between them (either way). Loops on one node are left out."""
    graph = nx.Graph()
    graph.add_nodes_from(node.id for node in data.nodes)
    for edge in data.edges:
        if edge.source == edge.target:
            continue
        if graph.has_edge(edge.source, edge.target):
            graph[edge.source][edge.target]["strength"] += edge.strength
        else:
            graph.add_edge(edge.source, edge.target, strength=edge.strength)
    return graph
