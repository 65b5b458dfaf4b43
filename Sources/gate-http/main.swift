// gate-http: gate's HTTP transport for AI providers, in its own process so the hook binary never loads
// libcurl (about 11 ms of start-up on every push). Reads one HTTPWireRequest as JSON on stdin (the API key travels
// there, in its headers; gate starts this helper with key variables removed from its environment), prints one
// HTTPWireResponse as JSON on stdout. Exit 0 whenever a response object was printed, 2 on bad input, 3 when the
// response cannot be encoded; every failure says why on stderr.
import Foundation
import GateHTTPWire

let input = FileHandle.standardInput.readDataToEndOfFile()
guard let request = try? JSONDecoder().decode(HTTPWireRequest.self, from: input) else {
    FileHandle.standardError.write(Data("gate-http: stdin is not a request; it is started by gate, not by hand\n".utf8))
    exit(2)
}
/// Prints the response and exits; called early, from the transfer, when a reply grows past its cap.
@Sendable func emit(_ response: HTTPWireResponse) -> Never {
    do {
        FileHandle.standardOutput.write(try JSONEncoder().encode(response))
        exit(0)
    } catch {
        FileHandle.standardError.write(Data("gate-http: cannot encode the response: \(error)\n".utf8))
        exit(3)
    }
}

emit(HTTPExchange.perform(request, stop: emit))
