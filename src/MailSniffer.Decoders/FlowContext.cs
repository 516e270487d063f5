using MailSniffer.Core.Flows;

namespace MailSniffer.Decoders;

/// <summary>What a decoder knows about the connection it reads: its id and endpoints (for events), nothing else.</summary>
public sealed record FlowContext(long FlowId, IpEndpoint Client, IpEndpoint Server);
