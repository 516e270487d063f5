using System.Text;
using MailSniffer.Analysis.Timeline;

namespace MailSniffer.Analysis.Views.Timeline;

/// <summary>A journey as a PlantUML sequence diagram (@startuml ... @enduml).</summary>
public static class PlantUmlDiagram
{
    public static string Render(Journey journey)
    {
        var d = DiagramModel.From(journey);
        var sb = new StringBuilder();
        sb.Append("@startuml\n");
        sb.Append($"title Journey {journey.Number}: {DiagramLabel.PlantUml(journey.MessageId ?? "(no Message-ID)")}\n");
        foreach (var lane in d.Lanes) sb.Append($"participant \"{DiagramLabel.PlantUml(lane.Title)}\" as {lane.Id}\n");
        foreach (var a in d.Arrows)
        {
            sb.Append($"{a.From} {(a.Dashed ? "-->" : "->")} {a.To} : {DiagramLabel.PlantUml(a.Label)}\n");
            if (a.Note != null)
                sb.Append($"note over {(a.From == a.To ? a.From : $"{a.From}, {a.To}")} : {DiagramLabel.PlantUml(a.Note)}\n");
        }
        sb.Append("@enduml\n");
        return sb.ToString();
    }
}
