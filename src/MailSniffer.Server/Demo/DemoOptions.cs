namespace MailSniffer.Server.Demo;

public sealed class DemoOptions
{
    public DemoScenario Scenario { get; set; } = DemoScenario.Full;
    /// <summary>Force the documented high ports even when the standard ones could be bound.</summary>
    public bool HighPorts { get; set; }
    /// <summary>Submit every message over STARTTLS (otherwise only the one session that demonstrates it).</summary>
    public bool AllStartTls { get; set; }
    /// <summary>Where the capture goes; the truth file is written beside it.</summary>
    public string? CapturePath { get; set; }
    /// <summary>Where the truth file goes when there is no capture.</summary>
    public string OutputDirectory { get; set; } = ".";
    /// <summary>Explicit truth file path (when an external recorder makes the capture).</summary>
    public string? TruthPath { get; set; }
    /// <summary>Time to let the last packets reach the recorder before stopping it.</summary>
    public TimeSpan SettleDelay { get; set; } = TimeSpan.FromSeconds(1);
    /// <summary>Overrides the 127/8 addresses (tests run demos in parallel).</summary>
    public DemoAddresses Addresses { get; set; } = DemoAddresses.Default;
}
