using System.CommandLine;

namespace MailSniffer.Cli.Input;

/// <summary>
/// The input options every analysis command shares: a capture FILE, or `-i IFACE [BPF filter words]` for live capture.
/// </summary>
internal sealed class CaptureInputOptions
{
    public Argument<string[]> Args { get; } = new("input")
    {
        Description = "A pcap/pcapng FILE; with -i, the words of an optional BPF filter (e.g. tcp port 25).",
        Arity = ArgumentArity.ZeroOrMore,
    };

    public Option<string?> Interface { get; } = new("--interface", "-i") { Description = "Capture live from this device (see `mailsniffer interfaces`)." };
    public Option<int> Snaplen { get; } = new("--snaplen", "-s") { Description = "Live capture: bytes kept per packet.", DefaultValueFactory = _ => 262144 };
    public Option<bool> NoPromiscuous { get; } = new("--no-promiscuous") { Description = "Live capture: do not put the interface in promiscuous mode." };
    public Option<string?> WriteFile { get; } = new("--write", "-w") { Description = "Live capture: also save every captured packet to this pcapng file." };
    public Option<double?> Duration { get; } = new("--duration") { Description = "Live capture: stop after this many seconds (default: until Ctrl+C)." };

    public void AddTo(Command command)
    {
        command.Arguments.Add(Args);
        command.Options.Add(Interface);
        command.Options.Add(Snaplen);
        command.Options.Add(NoPromiscuous);
        command.Options.Add(WriteFile);
        command.Options.Add(Duration);
    }

    public CaptureInputSpec Read(ParseResult r)
    {
        var args = r.GetValue(Args) ?? Array.Empty<string>();
        string? iface = r.GetValue(Interface);
        if (iface != null)
            return new CaptureInputSpec(null, iface, args.Length > 0 ? string.Join(' ', args) : null, r.GetValue(Snaplen),
                !r.GetValue(NoPromiscuous), r.GetValue(WriteFile), r.GetValue(Duration));
        if (args.Length != 1)
            throw new CliUsageException(args.Length == 0
                ? "Give a capture FILE, or -i IFACE for live capture."
                : "Give one capture FILE (a BPF filter is only for live capture with -i).");
        return new CaptureInputSpec(args[0], null, null, 0, false, null, null);
    }
}
