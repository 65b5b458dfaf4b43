/// Real `swift package dump-package` output (Swift 6.3.1) for a package whose `Core` target has
/// `path: "Lib/Core"`, `Util` depends on `Core` and on a product of another package, `Tool` is an
/// executable, and `CoreTests` depends on `Core` and `.byName(name: "Util")`.
enum DumpPackageFixture {
    static let json = #"""
{
  "cLanguageStandard" : null,
  "cxxLanguageStandard" : null,
  "defaultLocalization" : null,
  "dependencies" : [
    {
      "fileSystem" : [
        {
          "identity" : "other",
          "path" : "/tmp/other",
          "productFilter" : null,
          "traits" : [
            {
              "name" : "default"
            }
          ]
        }
      ]
    }
  ],
  "name" : "Demo",
  "packageKind" : {
    "root" : [
      "/tmp/dumpdemo"
    ]
  },
  "pkgConfig" : null,
  "platforms" : [

  ],
  "products" : [
    {
      "name" : "Core",
      "settings" : [

      ],
      "targets" : [
        "Core"
      ],
      "type" : {
        "library" : [
          "automatic"
        ]
      }
    }
  ],
  "providers" : null,
  "swiftLanguageVersions" : null,
  "targets" : [
    {
      "dependencies" : [

      ],
      "exclude" : [

      ],
      "name" : "Core",
      "packageAccess" : true,
      "path" : "Lib/Core",
      "resources" : [

      ],
      "settings" : [

      ],
      "type" : "regular"
    },
    {
      "dependencies" : [
        {
          "byName" : [
            "Core",
            null
          ]
        },
        {
          "product" : [
            "Other",
            "other",
            null,
            null
          ]
        }
      ],
      "exclude" : [

      ],
      "name" : "Util",
      "packageAccess" : true,
      "resources" : [

      ],
      "settings" : [

      ],
      "type" : "regular"
    },
    {
      "dependencies" : [
        {
          "target" : [
            "Util",
            null
          ]
        }
      ],
      "exclude" : [

      ],
      "name" : "Tool",
      "packageAccess" : true,
      "resources" : [

      ],
      "settings" : [

      ],
      "type" : "executable"
    },
    {
      "dependencies" : [
        {
          "byName" : [
            "Core",
            null
          ]
        },
        {
          "byName" : [
            "Util",
            null
          ]
        }
      ],
      "exclude" : [

      ],
      "name" : "CoreTests",
      "packageAccess" : true,
      "resources" : [

      ],
      "settings" : [

      ],
      "type" : "test"
    }
  ],
  "toolsVersion" : {
    "_version" : "6.0.0",
    "experimentalFeatures" : [

    ]
  },
  "traits" : [

  ]
}

"""#

    /// Real output (Swift 6.3.1) for a package with plugins, products and a macro: `Lib` depends on `Stamp` and
    /// uses the build-tool plugin `Gen` (which depends on the executable `GenTool`); the executable `tool` is built
    /// as the product `tool-cli`; `Fmt` is a command plugin; `Stamp` depends on the macro `StampMacros`, which
    /// depends on a product of swift-syntax; `LibTests` depends on `Lib`, `CLITests` on nothing.
    static let plugins = #"""
{
  "cLanguageStandard" : null,
  "cxxLanguageStandard" : null,
  "defaultLocalization" : null,
  "dependencies" : [
    {
      "sourceControl" : [
        {
          "identity" : "swift-syntax",
          "location" : {
            "remote" : [
              {
                "urlString" : "https://github.com/swiftlang/swift-syntax.git"
              }
            ]
          },
          "productFilter" : null,
          "requirement" : {
            "range" : [
              {
                "lowerBound" : "600.0.0",
                "upperBound" : "601.0.0"
              }
            ]
          },
          "traits" : [
            {
              "name" : "default"
            }
          ]
        }
      ]
    }
  ],
  "name" : "Demo",
  "packageKind" : {
    "root" : [
      "/tmp/plugindemo"
    ]
  },
  "pkgConfig" : null,
  "platforms" : [

  ],
  "products" : [
    {
      "name" : "tool-cli",
      "settings" : [

      ],
      "targets" : [
        "tool"
      ],
      "type" : {
        "executable" : null
      }
    },
    {
      "name" : "GenPlugin",
      "settings" : [

      ],
      "targets" : [
        "Gen"
      ],
      "type" : {
        "plugin" : null
      }
    }
  ],
  "providers" : null,
  "swiftLanguageVersions" : null,
  "targets" : [
    {
      "dependencies" : [
        {
          "byName" : [
            "Stamp",
            null
          ]
        }
      ],
      "exclude" : [

      ],
      "name" : "Lib",
      "packageAccess" : true,
      "pluginUsages" : [
        {
          "plugin" : [
            "Gen",
            null
          ]
        }
      ],
      "resources" : [

      ],
      "settings" : [

      ],
      "type" : "regular"
    },
    {
      "dependencies" : [
        {
          "byName" : [
            "Lib",
            null
          ]
        }
      ],
      "exclude" : [

      ],
      "name" : "tool",
      "packageAccess" : true,
      "resources" : [

      ],
      "settings" : [

      ],
      "type" : "executable"
    },
    {
      "dependencies" : [
        {
          "byName" : [
            "GenTool",
            null
          ]
        }
      ],
      "exclude" : [

      ],
      "name" : "Gen",
      "packageAccess" : true,
      "pluginCapability" : {
        "buildTool" : null
      },
      "resources" : [

      ],
      "settings" : [

      ],
      "type" : "plugin"
    },
    {
      "dependencies" : [

      ],
      "exclude" : [

      ],
      "name" : "GenTool",
      "packageAccess" : true,
      "resources" : [

      ],
      "settings" : [

      ],
      "type" : "executable"
    },
    {
      "dependencies" : [

      ],
      "exclude" : [

      ],
      "name" : "Fmt",
      "packageAccess" : true,
      "pluginCapability" : {
        "command" : [
          {
            "sourceCodeFormatting" : {

            }
          },
          [

          ]
        ]
      },
      "resources" : [

      ],
      "settings" : [

      ],
      "type" : "plugin"
    },
    {
      "dependencies" : [
        {
          "product" : [
            "SwiftCompilerPlugin",
            "swift-syntax",
            null,
            null
          ]
        }
      ],
      "exclude" : [

      ],
      "name" : "StampMacros",
      "packageAccess" : true,
      "resources" : [

      ],
      "settings" : [

      ],
      "type" : "macro"
    },
    {
      "dependencies" : [
        {
          "byName" : [
            "StampMacros",
            null
          ]
        }
      ],
      "exclude" : [

      ],
      "name" : "Stamp",
      "packageAccess" : true,
      "resources" : [

      ],
      "settings" : [

      ],
      "type" : "regular"
    },
    {
      "dependencies" : [
        {
          "byName" : [
            "Lib",
            null
          ]
        }
      ],
      "exclude" : [

      ],
      "name" : "LibTests",
      "packageAccess" : true,
      "resources" : [

      ],
      "settings" : [

      ],
      "type" : "test"
    },
    {
      "dependencies" : [

      ],
      "exclude" : [

      ],
      "name" : "CLITests",
      "packageAccess" : true,
      "resources" : [

      ],
      "settings" : [

      ],
      "type" : "test"
    }
  ],
  "toolsVersion" : {
    "_version" : "5.9.0",
    "experimentalFeatures" : [

    ]
  },
  "traits" : [

  ]
}

"""#
}
