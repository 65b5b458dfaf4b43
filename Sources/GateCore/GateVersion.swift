public enum GateVersion { public static let current = "0.1.0" }
