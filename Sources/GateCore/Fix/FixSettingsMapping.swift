extension GateConfig.FixSettings {
    /// The provider settings `.gate.yml` gives; unset values are left to `FixProviderResolution`.
    public var providerSettings: FixProviderSettings {
        FixProviderSettings(kind: provider.flatMap(FixProviderKind.init(configured:)), model: model, baseURL: baseURL,
                            maxTokens: maxTokens ?? 8192, timeoutSeconds: timeout, numCtx: numCtx ?? 32768, command: command)
    }
}
