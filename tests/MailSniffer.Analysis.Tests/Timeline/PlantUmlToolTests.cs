using System.Diagnostics;
using MailSniffer.Analysis.Timeline;
using MailSniffer.Analysis.Views.Timeline;

namespace MailSniffer.Analysis.Tests.Timeline;

/// <summary>Our PlantUML output checked by PlantUML itself (skipped where it is not installed).</summary>
public class PlantUmlToolTests
{
    private static string? Syntax(string diagram)
    {
        var psi = new ProcessStartInfo("plantuml", "-syntax")
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        using var p = Process.Start(psi)!;
        p.StandardInput.Write(diagram);
        p.StandardInput.Close();
        var output = p.StandardOutput.ReadToEndAsync();
        p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(120_000)) { p.Kill(); return null; }
        return output.Result;
    }

    private static bool Installed => File.Exists("/usr/bin/plantuml") || File.Exists("/usr/local/bin/plantuml");

    [SkippableFact]
    public void PlantUml_accepts_a_journey_and_sees_one_participant_per_lane()
    {
        Skip.IfNot(Installed, "plantuml is not installed");
        var (sc, _) = TimelineStories.FullStory();
        var result = Syntax(PlantUmlDiagram.Render(Assert.Single(sc.Build())));
        Assert.NotNull(result);
        Assert.Equal("SEQUENCE\n(5 participants)\n", result);
    }

    [SkippableFact]
    public void PlantUml_accepts_hostile_labels_without_extra_participants_or_errors()
    {
        Skip.IfNot(Installed, "plantuml is not installed");
        var j = Assert.Single(TimelineStories.HostileEncryptedStory().Build());
        j.Steps.Add(new JourneyStep
        {
            Kind = JourneyStepKind.Claimed, Ts = j.Steps[^1].Ts, Protocol = "smtp", ClientName = TimelineStories.HostileSubject + "\" as H9\nparticipant X \u201Cq\u201D",
            ServerName = "by\n@enduml\nH9 -> H1 : injected", Source = "ESMTP;%%{invalid} !include /etc/passwd", TsFromWire = false,
        });
        var diagram = PlantUmlDiagram.Render(j);
        var result = Syntax(diagram);
        Assert.NotNull(result);
        // Three wire hosts plus the two hostile names: nothing the labels say becomes a participant or ends the diagram.
        Assert.Equal("SEQUENCE\n(5 participants)\n", result);
    }
}
