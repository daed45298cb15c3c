// swift-tools-version: 6.0
import PackageDescription

let package = Package(
  name: "cvw",
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "cvw", targets: ["cvw"]),
    .library(name: "NumericCore", targets: ["NumericCore"]),
    .library(name: "Tabular", targets: ["Tabular"]),
    .library(name: "Models", targets: ["Models"]),
    .library(name: "ModelStore", targets: ["ModelStore"]),
    .library(name: "Evaluation", targets: ["Evaluation"]),
    .library(name: "Reports", targets: ["Reports"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/apple/swift-numerics", from: "1.0.0"),
  ],
  targets: [
    .systemLibrary(
      name: "CBLAS",
      pkgConfig: "openblas",
      providers: [.apt(["libopenblas-dev", "liblapacke-dev"])]),
    .target(name: "NumericCore", dependencies: ["CBLAS"]),
    .target(name: "Tabular", dependencies: ["NumericCore"]),
    .target(name: "Models", dependencies: ["NumericCore", "Tabular"]),
    // SHA-256 compression in C: the x86 SHA extensions where present.
    .target(name: "CSHA256"),
    .target(name: "ModelStore", dependencies: ["CSHA256", "Models", "NumericCore", "Tabular"]),
    .target(name: "Evaluation", dependencies: ["Models", "NumericCore", "Tabular"]),
    // SVG charts and the self-contained HTML report, from plain data.
    .target(name: "Reports", dependencies: ["Evaluation", "Models", "ModelStore"]),
    .executableTarget(
      name: "cvw",
      dependencies: [
        "NumericCore", "Tabular", "Models", "ModelStore", "Evaluation", "Reports",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),
    // In-memory kernel timings for benchmarks/bench.py, through the public API (`make kernels`).
    .executableTarget(
      name: "cvw-kernels", dependencies: ["NumericCore", "Tabular", "Models"], path: "benchmarks/Kernels"),
    .testTarget(
      name: "NumericCoreTests",
      dependencies: ["NumericCore", .product(name: "Numerics", package: "swift-numerics")]),
    .testTarget(name: "TabularTests", dependencies: ["Tabular", "NumericCore"]),
    .testTarget(
      name: "ModelsTests",
      dependencies: ["Models", "NumericCore", "Tabular", .product(name: "Numerics", package: "swift-numerics")],
      resources: [.copy("Fixtures")]),
    .testTarget(name: "ModelStoreTests", dependencies: ["CSHA256", "ModelStore", "Models", "Tabular"]),
    .testTarget(
      name: "EvaluationTests",
      dependencies: ["Evaluation", "Models", "NumericCore", "Tabular", .product(name: "Numerics", package: "swift-numerics")],
      resources: [.copy("Fixtures")]),
    .testTarget(name: "ReportsTests", dependencies: ["Reports", "Evaluation", "Models", "ModelStore", "NumericCore"]),
    .testTarget(name: "cvwTests", dependencies: ["cvw"]),
  ]
)
