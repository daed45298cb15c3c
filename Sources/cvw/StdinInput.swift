import ArgumentParser

/// A usage error when more than one of `inputs` is `-`: stdin is read once
/// (kpi; segment rfm and abc with --clv; report and plot with --clv and
/// --transactions).
func checkOneStdinInput(_ inputs: [String?]) throws {
  guard inputs.filter({ $0 == "-" }).count <= 1 else { throw ValidationError("only one input can be read from stdin (-)") }
}
