using MailSniffer.Analysis.Timeline;

namespace MailSniffer.Analysis.Views.Timeline;

/// <summary>How a step's endpoints are named in stories and diagrams: "mx.b.test (127.0.3.1:25)". Not sanitised.</summary>
internal static class HostLabel
{
    public static string Client(JourneyStep s)
    {
        string? address = s.Kind == JourneyStepKind.Claimed ? s.Client : AddressPart(s.Client);
        return Combine(s.ClientName, address) ?? "an unknown host";
    }

    public static string Server(JourneyStep s) => Combine(s.ServerName, s.Server) ?? "an unknown host";

    /// <summary>The lane a host gets in a diagram: one per address, else per name.</summary>
    public static string LaneKey(string? name, string? endpoint) => AddressPart(endpoint) ?? name?.ToLowerInvariant() ?? "?";

    public static string LaneTitle(string? name, string? endpoint) => Combine(name, AddressPart(endpoint)) ?? "unknown host";

    private static string? Combine(string? name, string? address) =>
        name != null && address != null ? $"{name} ({address})" : name ?? address;

    /// <summary>"127.0.0.1:5000" → 127.0.0.1, "[::1]:25" → ::1; anything else unchanged.</summary>
    public static string? AddressPart(string? endpoint)
    {
        if (endpoint == null) return null;
        if (endpoint.StartsWith('[') && endpoint.IndexOf(']') is > 0 and var close) return endpoint[1..close];
        int colon = endpoint.LastIndexOf(':');
        return colon > 0 && endpoint.IndexOf(':') == colon ? endpoint[..colon] : endpoint;
    }
}
