namespace MailSniffer.Server.Demo;

/// <summary>
/// Live capture of the demo's loopback traffic. The Server project cannot reference the capture engine,
/// so the CLI supplies an implementation (libpcap) or none.
/// </summary>
public interface IDemoRecorder
{
    /// <summary>Starts capturing loopback traffic into <paramref name="path"/> (pcapng).</summary>
    Task StartAsync(string path, CancellationToken ct);

    /// <summary>Stops after the last packets are written.</summary>
    Task StopAsync();
}
