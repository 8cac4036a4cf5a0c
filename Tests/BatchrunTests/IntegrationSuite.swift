import Testing

/// Every test that spawns `batchrun`: one at a time, so timing-sensitive tests do not compete for the two cores.
@Suite(.serialized) struct Integration {}
