using System.CommandLine;
using MailSniffer.Cli.Input;
using MailSniffer.Server.Demo;

namespace MailSniffer.Cli.Commands;

internal static class DemoCommand
{
    /// <summary>Supplies the live capture; null in builds without the libpcap recorder wired in.</summary>
    public static Func<IDemoRecorder?> RecorderFactory { get; set; } = () => new Input.LoopbackDemoRecorder();

    public static Command Create()
    {
        var capture = new Option<FileInfo?>("--capture") { Description = "Capture the run on the loopback interface into this pcapng file (needs libpcap and capture privilege)." };
        var output = new Option<DirectoryInfo?>("--out") { Description = "Directory for demo.truth.json when there is no --capture." };
        var highPorts = new Option<bool>("--high-ports") { Description = "Use ports 5353/2525/5587/1110/1143 even when the standard ones could be bound." };
        var startTls = new Option<bool>("--starttls") { Description = "Submit every message over STARTTLS." };
        var scenario = new Option<DemoScenario>("--scenario") { Description = "full (default), pop3 or imap.", DefaultValueFactory = _ => DemoScenario.Full };
        var truth = new Option<FileInfo?>("--truth") { Description = "Write the ground truth to this file (default: beside the capture, or DIR/demo.truth.json)." };
        var tui = new Option<bool>("--tui") { Description = "Show the demo's traffic live in the terminal UI as it happens (captures loopback; needs capture privilege). d plays it again, q quits." };
        var cmd = new Command("demo", "Play the mail delivery story on loopback: submission, DNS MX lookup, relay, POP3 and IMAP retrieval.")
        {
            capture, output, truth, highPorts, startTls, scenario, tui,
        };
        cmd.SetAction(async (parse, ct) =>
        {
            var options = new DemoOptions
            {
                Scenario = parse.GetValue(scenario),
                HighPorts = parse.GetValue(highPorts),
                AllStartTls = parse.GetValue(startTls),
                OutputDirectory = parse.GetValue(output)?.FullName ?? Directory.GetCurrentDirectory(),
                TruthPath = parse.GetValue(truth)?.FullName,
            };
            if (parse.GetValue(tui))
            {
                // The TUI owns the capture (tee'd into --capture), so each run gets options without a recorder.
                var pcapng = parse.GetValue(capture)?.FullName;
                return DemoTui.Run(() => new DemoOptions
                {
                    Scenario = options.Scenario, HighPorts = options.HighPorts, AllStartTls = options.AllStartTls,
                    OutputDirectory = options.OutputDirectory,
                    TruthPath = options.TruthPath ?? (pcapng is null ? null : Path.ChangeExtension(pcapng, null) + ".truth.json"),
                }, pcapng);
            }
            IDemoRecorder? recorder = null;
            if (parse.GetValue(capture) is { } file)
            {
                recorder = RecorderFactory();
                if (recorder is null) Console.WriteLine("capture: live capture is not available in this build; the demo runs without it");
                else options.CapturePath = file.FullName;
            }
            var runner = new DemoRunner(options, line => Console.WriteLine($"{DateTime.UtcNow:HH:mm:ss.ffffff} {line}"), recorder);
            try
            {
                await runner.RunAsync(ct);
                return 0;
            }
            catch (System.Net.Sockets.SocketException e)
            {
                Console.Error.WriteLine($"demo: {e.Message} (is another demo or mail server using these addresses/ports? try --high-ports)");
                return 3;
            }
        });
        return cmd;
    }
}
