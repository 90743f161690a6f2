import Das2Server
import NIOCore

/// The departure of the client on a channel set up by `.das2HTTP1()`.
///
/// Finding the channel's ``ClientDepartureHandler`` takes a trip to its event loop, which
/// happens in the das2 server's watching task while the reader starts, not on the request's
/// path. On a channel without that handler, a departure is noticed at the next write as before.
struct ChannelClientDeparture: ClientDeparture {
    let channel: any Channel

    func wait() async {
        if let handler = try? await channel.pipeline.handler(type: ClientDepartureHandler.self).get() {
            await handler.waitForDeparture()
            return
        }
        // No handler: the channel has closed (the client has gone), or was set up without one.
        guard channel.isActive else { return }
        while !Task.isCancelled {
            try? await Task.sleep(for: .seconds(3600))
        }
    }
}
