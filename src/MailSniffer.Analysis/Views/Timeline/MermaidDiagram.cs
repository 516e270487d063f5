using System.Text;
using MailSniffer.Analysis.Timeline;

namespace MailSniffer.Analysis.Views.Timeline;

/// <summary>A journey as a Mermaid sequence diagram (renders in GitHub Markdown inside a ```mermaid block).</summary>
public static class MermaidDiagram
{
    public static string Render(Journey journey)
    {
        var d = DiagramModel.From(journey);
        var sb = new StringBuilder();
        sb.Append("sequenceDiagram\n");
        foreach (var lane in d.Lanes) sb.Append($"    participant {lane.Id} as {DiagramLabel.Mermaid(lane.Title)}\n");
        foreach (var a in d.Arrows)
        {
            sb.Append($"    {a.From}{(a.Dashed ? "-->>" : "->>")}{a.To}: {DiagramLabel.Mermaid(a.Label)}\n");
            if (a.Note != null)
                sb.Append($"    Note over {(a.From == a.To ? a.From : $"{a.From},{a.To}")}: {DiagramLabel.Mermaid(a.Note)}\n");
        }
        return sb.ToString();
    }
}
