using System.ComponentModel.DataAnnotations;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Maison.Commerce.Platform.Http;

namespace Maison.Commerce.Tests.Platform;

public sealed record ValidationSample(
    [property: Required, MaxLength(5)] string? Name,
    [property: Range(1, 10)] int Quantity,
    [property: EmailAddress] string? Email,
    [property: MinLength(1), MaxLength(3)] List<int>? Items,
    [property: RegularExpression("^[A-Z]{3}$")] string? Code,
    [property: Required] Guid? Id,
    [property: Required, StringLength(4, MinimumLength = 2)] string? Short,
    [property: Range(typeof(decimal), "0.5", "2.5")] decimal Ratio,
    [property: Compare(nameof(ValidationSample.Name))] string? NameAgain = null);

[SameTwice]
public sealed record ValidationWithClassRule([property: Required] string? Once, string? Twice);

[AttributeUsage(AttributeTargets.Class)]
public sealed class SameTwiceAttribute : ValidationAttribute
{
    public override bool IsValid(object? value) => value is ValidationWithClassRule r && r.Once == r.Twice;
}

public sealed record ValidationSelfChecked([property: Range(0, 5)] int Low, int High) : IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (High < Low) yield return new ValidationResult("high must not be below low", [nameof(High)]);
    }
}

/// <summary>
/// The request validation reads attributes once per type instead of asking <see cref="Validator"/>, which looks them up
/// on every call; the answers must stay exactly the validator's, message for message.
/// </summary>
public sealed class ValidationRulesTests
{
    private static readonly string?[] Strings = [null, "", " ", "A", "ABC", "abc", "ABCDE", "ABCDEF", "a@b.example", "not-an-email", "@", "é€"];

    [Property(MaxTest = 400)]
    public bool Request_validation_answers_what_the_data_annotations_validator_answers(
        byte name, int quantity, byte email, byte items, byte code, bool id, byte shortText, int ratio)
    {
        var sample = new ValidationSample(Pick(name), quantity % 13, Pick(email), items % 5 == 4 ? null : Enumerable.Range(0, items % 5).ToList(),
            Pick(code), id ? Guid.NewGuid() : null, Pick(shortText), ratio % 40 / 10m, Pick((byte)(name ^ code)));
        return Same(sample);
    }

    [Property(MaxTest = 100)]
    public bool Types_with_class_level_rules_or_their_own_checks_get_the_validator_itself(byte once, byte twice, int low, int high) =>
        Same(new ValidationWithClassRule(Pick(once), Pick(twice))) && Same(new ValidationSelfChecked(low % 8, high % 8));

    [Fact]
    public void A_missing_required_value_skips_the_other_rules_of_that_member_only()
    {
        var errors = new Dictionary<string, string[]>();
        ValidationFilter.Validate(new ValidationSample(null, 0, null, null, null, null, "TOOLONG", 1m), "", errors, 0);
        Assert.Equal(["id", "name", "quantity", "short"], errors.Keys.Order());
        Assert.Single(errors["name"]);
        Assert.Contains("required", errors["name"][0]);
        Assert.Contains("maximum length of 4", errors["short"][0]);
    }

    private static string? Pick(byte i) => Strings[i % Strings.Length];

    private static bool Same(object instance)
    {
        var actual = new Dictionary<string, string[]>();
        ValidationFilter.Validate(instance, "", actual, 0);
        var expected = Reference(instance);
        return expected.Count == actual.Count
               && expected.All(e => actual.TryGetValue(e.Key, out var messages) && messages.SequenceEqual(e.Value));
    }

    // What the filter answered when it asked the validator directly.
    private static Dictionary<string, string[]> Reference(object instance)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(instance, new ValidationContext(instance), results, validateAllProperties: true);
        var errors = new Dictionary<string, string[]>();
        foreach (var result in results)
        {
            foreach (var member in result.MemberNames.DefaultIfEmpty(""))
            {
                var key = string.IsNullOrEmpty(member) ? "" : char.ToLowerInvariant(member[0]) + member[1..];
                errors[key] = [.. errors.GetValueOrDefault(key, []), result.ErrorMessage ?? "is not valid"];
            }
        }
        return errors;
    }
}
