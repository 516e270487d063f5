using MailSniffer.Core.Capture;

namespace MailSniffer.Decoders.Common;

/// <summary>A held run of bytes, or a gap of <see cref="GapLength"/> bytes when <see cref="Data"/> is null.</summary>
public readonly record struct HeldItem(byte[]? Data, long GapLength, CaptureTime Ts);
