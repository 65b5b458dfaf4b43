// gate-http: gate's HTTP transport for AI providers, in its own process so the hook binary never loads
// libcurl (about 11 ms of start-up on every push). Reads one HTTPWireRequest as JSON on stdin, prints one
// HTTPWireResponse as JSON on stdout. Exit 0 whenever a response object was printed, 2 on bad input.
import Foundation
import GateHTTPWire

let input = FileHandle.standardInput.readDataToEndOfFile()
guard let request = try? JSONDecoder().decode(HTTPWireRequest.self, from: input) else {
    FileHandle.standardError.write(Data("gate-http: stdin is not a request; it is started by gate, not by hand\n".utf8))
    exit(2)
}
let response = await HTTPExchange.perform(request)
FileHandle.standardOutput.write(try JSONEncoder().encode(response))
