import ArgumentParser

/// `cvw fit bg-nbd`: the BG/NBD purchase model on RFM summaries.
struct FitBetaGeo: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bg-nbd",
    abstract: "Fit BG/NBD (Fader, Hardie & Lee 2005) to per-customer summaries, as `cvw summarize` writes them.",
    discussion: """
      Identical (frequency, recency, T) rows are grouped automatically; --weight fits pre-aggregated rows \
      (one GROUP BY in any SQL engine). Times are in whatever unit the summary uses.
      """)

  @OptionGroup var options: PurchaseModelFitOptions

  func run() throws { try options.fitAndSave(.betaGeo) }
}
