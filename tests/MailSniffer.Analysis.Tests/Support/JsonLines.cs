using System.Text;
using System.Text.Json;

namespace MailSniffer.Analysis.Tests.Support;

internal static class JsonLines
{
    /// <summary>Every line must be one complete JSON object; blank lines are not allowed except the final newline.</summary>
    public static List<JsonDocument> Parse(MemoryStream output)
    {
        string text = Encoding.UTF8.GetString(output.ToArray());
        Assert.EndsWith("\n", text);
        return text[..^1].Split('\n').Select(line =>
        {
            var doc = JsonDocument.Parse(line);
            Assert.Equal(JsonValueKind.Object, doc.RootElement.ValueKind);
            return doc;
        }).ToList();
    }
}
