namespace MailSniffer.Server.Demo;

/// <summary>
/// Where each actor lives on loopback. 127.0.0.2 avoids systemd-resolved (127.0.0.53) and the usual
/// 127.0.0.1 services; every address in 127/8 answers on Linux without configuration.
/// </summary>
public sealed record DemoAddresses(string Dns, string MxA, string MxB, string AliceClient, string BobClient)
{
    public static DemoAddresses Default { get; } = new("127.0.0.2", "127.0.1.1", "127.0.1.2", "127.0.2.1", "127.0.2.2");
}
