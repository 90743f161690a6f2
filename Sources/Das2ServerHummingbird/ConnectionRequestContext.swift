public import Hummingbird
public import NIOCore

/// A request context that keeps the connection a request arrived on.
///
/// With it, and a server built with `.das2HTTP1()`, the das2 routes stop a data query's
/// readers as soon as its client hangs up, even while the readers are silent.
/// ``Das2RequestContext`` conforms; a host application's own context can conform too, by
/// keeping `source.channel` in its initialiser.
public protocol ConnectionRequestContext: RequestContext {
    /// The connection's channel.
    var channel: any Channel { get }
}
