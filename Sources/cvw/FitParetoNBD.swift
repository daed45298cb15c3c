import ArgumentParser

/// `cvw fit pareto-nbd`: the Pareto/NBD purchase model on RFM summaries.
struct FitParetoNBD: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "pareto-nbd",
    abstract: "Fit Pareto/NBD (Schmittlein, Morrison & Colombo 1987; Fader & Hardie 2005) to per-customer summaries, as `cvw summarize` writes them.",
    discussion: """
      Identical (frequency, recency, T) rows are grouped automatically; --weight fits pre-aggregated rows \
      (one GROUP BY in any SQL engine). Times are in whatever unit the summary uses.
      """)

  @OptionGroup var options: PurchaseModelFitOptions

  func run() throws { try options.fitAndSave(.paretoNBD) }
}
