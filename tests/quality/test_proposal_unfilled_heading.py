"""A part found under several headings, one of which only says it is still to be
written ("### Risks and Mitigations" then "<TBD>"): the reader is pointed to the
heading that says something, never to the placeholder."""

from __future__ import annotations

from .support import by_id, review_layout

KEP = """# KEP-9999: Dual routes

## Summary

This KEP adds a second route table to each node, so pods reach both networks.

## Motivation

Clusters that span two networks route every pod through one of them today, and
operators run a proxy per node to reach the other.

### Goals

- Pods reach both networks without a proxy.

### Non-Goals

- Changing how services are load balanced.

## Proposal

The kubelet programs a second route table from the node's new `secondaryCIDR`
field, and the CNI plugin attaches each pod to both tables. The field is optional
and defaults to empty, so nodes without it behave as today. Pods get one address per
network; the pod status lists both, the first being the one reported today. The
controller manager allocates secondary ranges from a new flag, and the field is
validated so that the two ranges never overlap.

### Risks and Mitigations

\\<TBD\\>

### Backward compatibility

Nodes without the field keep one route table, and clients that read one pod address
keep reading the first: nothing changes for existing clusters or their workloads.

## Test Plan

Unit tests for the allocation, and an e2e job with two networks on every release.

## Graduation Criteria

Alpha in 1.40 behind the DualRoutes gate; beta after two releases without bugs.

## Alternatives

A proxy per node, which is what operators run today and what this replaces.
"""


def test_the_part_points_at_the_heading_that_says_something() -> None:
    compat = by_id(review_layout("kep-9999.md", KEP))["proposal.compatibility"]
    assert compat.found
    assert compat.note is not None and compat.note.startswith(
        "drawbacks and compatibility: 'Backward compatibility'"), compat.note
