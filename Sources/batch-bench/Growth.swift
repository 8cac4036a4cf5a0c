/// (5) How the figures grow from one size to ten times that size.
enum Growth {
    /// The ratios of the 10m figures over the 1m ones, or of the largest size over the one a tenth of it.
    static func of(_ sizes: [SizeFigures]) -> GrowthFigures? {
        let pairs = sizes.flatMap { small in sizes.filter { $0.rows == small.rows * 10 }.map { (small, $0) } }
        guard let (small, large) = pairs.last else { return nil }
        return GrowthFigures(
            from: small.size, to: large.size, baseline: large.baseline.seconds / small.baseline.seconds,
            batched: large.batched.wallS / small.batched.wallS,
            resume: Statistics.ratio(large.resume.resumeS, small.resume.resumeS),
            noOp: large.noOp.medianMs / small.noOp.medianMs, peakRss: large.batched.peakRssMb / small.batched.peakRssMb)
    }
}
