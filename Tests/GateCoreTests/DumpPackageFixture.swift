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
}
