import GateCore
print(GateVersion.current)
