using MailSniffer.Analysis.Model;

namespace MailSniffer.Analysis.Exposure;

/// <summary>
/// What an eavesdropper on the path of one message could read. Step lists are indexes into the journey's steps.
/// </summary>
public sealed record JourneyExposure(
    IReadOnlyList<Credential> Credentials,
    IReadOnlyList<string> Addresses,
    IReadOnlyList<int> SubjectSteps,
    IReadOnlyList<int> BodySteps,
    IReadOnlyList<ExposedAttachment> Attachments,
    IReadOnlyList<int> ClearSteps,
    IReadOnlyList<int> EncryptedSteps)
{
    public static readonly JourneyExposure Empty = new(Array.Empty<Credential>(), Array.Empty<string>(), Array.Empty<int>(),
        Array.Empty<int>(), Array.Empty<ExposedAttachment>(), Array.Empty<int>(), Array.Empty<int>());

    public bool AnythingExposed => Credentials.Count > 0 || Addresses.Count > 0 || SubjectSteps.Count > 0 || BodySteps.Count > 0;
}
