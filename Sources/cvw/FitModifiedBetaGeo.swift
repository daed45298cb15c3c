import ArgumentParser

/// `cvw fit mbg-nbd`: the MBG/NBD purchase model on RFM summaries.
struct FitModifiedBetaGeo: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "mbg-nbd",
    abstract: "Fit MBG/NBD (Batislam, Denizel & Filiztekin 2007; lifetimes' ModifiedBetaGeoFitter) to per-customer summaries, as `cvw summarize` writes them.",
    discussion: """
      Identical (frequency, recency, T) rows are grouped automatically; --weight fits pre-aggregated rows \
      (one GROUP BY in any SQL engine). Times are in whatever unit the summary uses.
      """)

  @OptionGroup var options: PurchaseModelFitOptions

  func run() throws { try options.fitAndSave(.modifiedBetaGeo) }
}
