using System.CommandLine;
using MailSniffer.Analysis;
using MailSniffer.Analysis.Pipeline;
using MailSniffer.Analysis.Timeline;
using MailSniffer.Analysis.Views.Timeline;
using MailSniffer.Cli.Input;
using MailSniffer.Cli.Output;

namespace MailSniffer.Cli.Commands;

internal static class TimelineCommand
{
    public static Command Create()
    {
        var input = new CaptureInputOptions();
        var json = new Option<bool>("--json") { Description = "One `journey` record per message (see docs/json.md)." };
        var diagram = new Option<string?>("--diagram") { Description = "Print a sequence diagram per journey: mermaid or plantuml." };
        diagram.AcceptOnlyFromAmong("mermaid", "plantuml");
        var message = new Option<string?>("--message", "-m") { Description = "Only journeys whose Message-ID or subject contains this text." };
        var evidence = new Option<bool>("--evidence") { Description = "Show the evidence behind every link (DNS, Received headers, timing)." };
        var reveal = new Option<bool>("--reveal") { Description = "Show passwords in clear (masked by default)." };
        var cmd = new Command("timeline", "Each message's journey across protocols and hops: submission, DNS MX lookup, relay, retrieval, in time order.");
        input.AddTo(cmd);
        cmd.Options.Add(json);
        cmd.Options.Add(diagram);
        cmd.Options.Add(message);
        cmd.Options.Add(evidence);
        cmd.Options.Add(reveal);
        cmd.SetAction(r => CommandRunner.Run(() =>
        {
            var spec = input.Read(r);
            var (builder, journeys) = Build(input, spec, r);
            string? filter = r.GetValue(message);
            var selected = journeys.Where(j => filter == null
                || (j.MessageId?.Contains(filter, StringComparison.OrdinalIgnoreCase) ?? false)
                || (j.Subject?.Contains(filter, StringComparison.OrdinalIgnoreCase) ?? false)).ToList();
            if (r.GetValue(json))
            {
                using var stdout = Console.OpenStandardOutput();
                JourneyJson.Write(stdout, selected, includeSecrets: true);
            }
            else if (r.GetValue(diagram) is string kind)
            {
                foreach (var j in selected)
                {
                    Console.WriteLine(kind == "mermaid" ? "```mermaid" : "```plantuml");
                    Console.Write(kind == "mermaid" ? MermaidDiagram.Render(j) : PlantUmlDiagram.Render(j));
                    Console.WriteLine("```");
                    Console.WriteLine();
                }
            }
            else
            {
                new TimelineStoryWriter { ShowEvidence = r.GetValue(evidence), RevealSecrets = r.GetValue(reveal) }
                    .Write(Console.Out, selected, filter == null ? builder.UnlinkedEncryptedSessions : null);
            }
            return 0;
        }));
        return cmd;
    }

    /// <summary>Runs the analyzer with a journey builder attached; shared with `exposure`.</summary>
    internal static (JourneyBuilder Builder, IReadOnlyList<Journey> Journeys) Build(CaptureInputOptions input, CaptureInputSpec spec, ParseResult r)
    {
        using var source = spec.Open();
        var builder = new JourneyBuilder();
        var analysis = new CaptureAnalysis(source, AnalysisOptions.ForStreaming(), null, builder);
        LiveRun.Run(analysis.Engine, spec, source);
        analysis.Model.Complete();
        var journeys = builder.Build();
        foreach (var w in analysis.Engine.Warnings) Console.Error.WriteLine($"warning: {Core.Text.SafeText.ForTerminal(w)}");
        return (builder, journeys);
    }
}
