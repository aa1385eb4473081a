using System.Collections;
using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Circles.Web.Infrastructure;

public sealed record Choice(string Value, string Text, string? Hint = null);

internal static class Html
{
    public static readonly HtmlEncoder Encoder = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);
}

/// <summary>GOV.UK error summary: one link per field error, focused by govuk-frontend on load.</summary>
[HtmlTargetElement("govuk-error-summary", TagStructure = TagStructure.WithoutEndTag)]
public sealed class GovukErrorSummaryTagHelper : TagHelper
{
    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.TagName = null;
        var state = ViewContext.ModelState;
        if (state.IsValid)
        {
            output.SuppressOutput();
            return;
        }

        var items = new List<string>();
        foreach (var (key, entry) in state.Where(e => e.Value is { Errors.Count: > 0 }).OrderBy(e => FieldOrder(e.Key)))
        {
            // Usually one problem a field; a file can have one a line, and every one is listed.
            foreach (var message in entry!.Errors.Select(e => Html.Encoder.Encode(e.ErrorMessage)))
            {
                items.Add(key.Length == 0 ? $"<li>{message}</li>" : $"<li><a href=\"#{Html.Encoder.Encode(key)}\">{message}</a></li>");
            }
        }

        output.Content.SetHtmlContent(
            "<div class=\"govuk-error-summary\" data-module=\"govuk-error-summary\"><div role=\"alert\">" +
            "<h2 class=\"govuk-error-summary__title\">There is a problem</h2><div class=\"govuk-error-summary__body\">" +
            "<ul class=\"govuk-list govuk-error-summary__list\">" + string.Concat(items) + "</ul></div></div></div>");

        // Model-level errors first, then fields in the order the rules reported them.
        int FieldOrder(string key)
        {
            var order = ViewContext.ViewData[Pipeline.ValidationFailureFilter.ErrorOrderKey] as List<string>;
            return key.Length == 0 ? -1 : order?.IndexOf(key) is >= 0 and var index ? index : 1000;
        }
    }
}

public abstract class GovukFieldTagHelper : TagHelper
{
    [HtmlAttributeName("asp-for")]
    public ModelExpression For { get; set; } = null!;

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public string Label { get; set; } = "";

    public string? Hint { get; set; }

    /// <summary>For a page with one question, the label is the page heading.</summary>
    public bool LabelIsHeading { get; set; }

    protected string Name => For.Name;

    protected string? Error =>
        ViewContext.ModelState.TryGetValue(Name, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;

    protected static string Encode(string? value) => Html.Encoder.Encode(value ?? "");

    protected string DescribedBy()
    {
        var ids = new List<string>();
        if (Hint is not null)
        {
            ids.Add(Name + "-hint");
        }

        if (Error is not null)
        {
            ids.Add(Name + "-error");
        }

        return ids.Count == 0 ? "" : $" aria-describedby=\"{string.Join(' ', ids)}\"";
    }

    protected string LabelHtml(string forId)
    {
        var label = $"<label class=\"govuk-label{(LabelIsHeading ? " govuk-label--l" : "")}\" for=\"{Encode(forId)}\">{Encode(Label)}</label>";
        return LabelIsHeading ? $"<h1 class=\"govuk-label-wrapper\">{label}</h1>" : label;
    }

    protected string HintAndErrorHtml() =>
        (Hint is null ? "" : $"<div id=\"{Encode(Name)}-hint\" class=\"govuk-hint\">{Encode(Hint)}</div>") +
        (Error is null ? "" : $"<p id=\"{Encode(Name)}-error\" class=\"govuk-error-message\"><span class=\"govuk-visually-hidden\">Error:</span> {Encode(Error)}</p>");

    protected string GroupClass => "govuk-form-group" + (Error is null ? "" : " govuk-form-group--error");

    /// <summary>What the person typed, even if it did not bind (so a wrong value is shown back to them).</summary>
    protected string? CurrentValue()
    {
        if (ViewContext.ModelState.TryGetValue(Name, out var entry) && entry.AttemptedValue is not null)
        {
            return entry.AttemptedValue;
        }

        return For.Model switch
        {
            null => null,
            DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            var other => other.ToString(),
        };
    }
}

[HtmlTargetElement("govuk-input", TagStructure = TagStructure.WithoutEndTag)]
public sealed class GovukInputTagHelper : GovukFieldTagHelper
{
    public string Type { get; set; } = "text";

    public string? Autocomplete { get; set; }

    /// <summary>A GOV.UK width class suffix: full, three-quarters, two-thirds, one-half, one-third, 20, 10, 5…</summary>
    public string? Width { get; set; }

    public bool Spellcheck { get; set; } = true;

    public int? MaxLength { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", GroupClass);
        var width = Width is null ? "" : Width.Length <= 2 ? $" govuk-input--width-{Width}" : $" govuk-!-width-{Width}";
        var css = "govuk-input" + width + (Error is null ? "" : " govuk-input--error");
        var value = Type == "password" ? null : CurrentValue();
        var attributes =
            (Autocomplete is null ? "" : $" autocomplete=\"{Encode(Autocomplete)}\"") +
            (Spellcheck ? "" : " spellcheck=\"false\"") +
            (MaxLength is null ? "" : $" maxlength=\"{MaxLength}\"");
        output.Content.SetHtmlContent(
            LabelHtml(Name) + HintAndErrorHtml() +
            $"<input class=\"{css}\" id=\"{Encode(Name)}\" name=\"{Encode(Name)}\" type=\"{Encode(Type)}\"" +
            (value is null ? "" : $" value=\"{Encode(value)}\"") + DescribedBy() + attributes + ">");
    }
}

[HtmlTargetElement("govuk-textarea", TagStructure = TagStructure.WithoutEndTag)]
public sealed class GovukTextareaTagHelper : GovukFieldTagHelper
{
    public int Rows { get; set; } = 5;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", GroupClass);
        var css = "govuk-textarea" + (Error is null ? "" : " govuk-textarea--error");
        output.Content.SetHtmlContent(
            LabelHtml(Name) + HintAndErrorHtml() +
            $"<textarea class=\"{css}\" id=\"{Encode(Name)}\" name=\"{Encode(Name)}\" rows=\"{Rows}\"{DescribedBy()}>{Encode(CurrentValue())}</textarea>");
    }
}

/// <summary>A fieldset of checkboxes (or radios) bound to a list (or single value) property.</summary>
[HtmlTargetElement("govuk-choices", TagStructure = TagStructure.WithoutEndTag)]
public sealed class GovukChoicesTagHelper : GovukFieldTagHelper
{
    public IEnumerable<Choice> Items { get; set; } = [];

    public bool Radios { get; set; }

    public bool Small { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", GroupClass);
        var selected = Selected();
        var kind = Radios ? "radios" : "checkboxes";
        var items = new List<string>();
        var index = 0;
        foreach (var item in Items)
        {
            var id = index == 0 ? Name : $"{Name}-{index + 1}";
            var hintId = $"{id}-item-hint";
            items.Add(
                $"<div class=\"govuk-{kind}__item\"><input class=\"govuk-{kind}__input\" id=\"{Encode(id)}\" name=\"{Encode(Name)}\" " +
                $"type=\"{(Radios ? "radio" : "checkbox")}\" value=\"{Encode(item.Value)}\"" +
                (selected.Contains(item.Value) ? " checked" : "") +
                (item.Hint is null ? "" : $" aria-describedby=\"{Encode(hintId)}\"") + ">" +
                $"<label class=\"govuk-label govuk-{kind}__label\" for=\"{Encode(id)}\">{Encode(item.Text)}</label>" +
                (item.Hint is null ? "" : $"<div id=\"{Encode(hintId)}\" class=\"govuk-hint govuk-{kind}__hint\">{Encode(item.Hint)}</div>") +
                "</div>");
            index++;
        }

        output.Content.SetHtmlContent(
            $"<fieldset class=\"govuk-fieldset\"{DescribedBy()}><legend class=\"govuk-fieldset__legend govuk-fieldset__legend--m\">{Encode(Label)}</legend>" +
            HintAndErrorHtml() +
            $"<div class=\"govuk-{kind}{(Small ? $" govuk-{kind}--small" : "")}\" data-module=\"govuk-{kind}\">{string.Concat(items)}</div></fieldset>");
    }

    private HashSet<string> Selected()
    {
        if (ViewContext.ModelState.TryGetValue(Name, out var entry) && entry.RawValue is not null)
        {
            return entry.RawValue switch
            {
                string s => [s],
                string[] many => [.. many],
                Microsoft.Extensions.Primitives.StringValues values => [.. values.Where(v => v is not null).Select(v => v!)],
                _ => [],
            };
        }

        return For.Model switch
        {
            null => [],
            string s => [s],
            IEnumerable values => values.Cast<object>().Select(v => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "").ToHashSet(),
            var one => [Convert.ToString(one, CultureInfo.InvariantCulture) ?? ""],
        };
    }
}

/// <summary>
/// GOV.UK date input: three boxes named {Prefix}Day, {Prefix}Month and {Prefix}Year; errors are
/// reported against {Prefix}Day so the summary link lands on the first box.
/// </summary>
[HtmlTargetElement("govuk-date", TagStructure = TagStructure.WithoutEndTag)]
public sealed class GovukDateTagHelper : TagHelper
{
    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public string Prefix { get; set; } = "";

    public string Label { get; set; } = "";

    public string? Hint { get; set; }

    private string Encode(string? value) => Html.Encoder.Encode(value ?? "");

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var key = Prefix + "Day";
        var error = ViewContext.ModelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;
        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "govuk-form-group" + (error is null ? "" : " govuk-form-group--error"));
        var describedBy = string.Join(' ', new[] { Hint is null ? null : Prefix + "-hint", error is null ? null : Prefix + "-error" }.Where(x => x is not null));
        var parts = new[] { ("Day", "Day", 2), ("Month", "Month", 2), ("Year", "Year", 4) }.Select(part =>
        {
            var name = Prefix + part.Item1;
            var value = Value(name);
            var css = $"govuk-input govuk-date-input__input govuk-input--width-{part.Item3}" + (error is null ? "" : " govuk-input--error");
            return $"<div class=\"govuk-date-input__item\"><div class=\"govuk-form-group\">" +
                   $"<label class=\"govuk-label govuk-date-input__label\" for=\"{Encode(name)}\">{part.Item2}</label>" +
                   $"<input class=\"{css}\" id=\"{Encode(name)}\" name=\"{Encode(name)}\" type=\"text\" inputmode=\"numeric\"" +
                   (value is null ? "" : $" value=\"{Encode(value)}\"") + "></div></div>";
        });
        output.Content.SetHtmlContent(
            $"<fieldset class=\"govuk-fieldset\" role=\"group\"{(describedBy.Length == 0 ? "" : $" aria-describedby=\"{describedBy}\"")}>" +
            $"<legend class=\"govuk-fieldset__legend govuk-fieldset__legend--s\">{Encode(Label)}</legend>" +
            (Hint is null ? "" : $"<div id=\"{Encode(Prefix)}-hint\" class=\"govuk-hint\">{Encode(Hint)}</div>") +
            (error is null ? "" : $"<p id=\"{Encode(Prefix)}-error\" class=\"govuk-error-message\"><span class=\"govuk-visually-hidden\">Error:</span> {Encode(error)}</p>") +
            $"<div class=\"govuk-date-input\" id=\"{Encode(Prefix)}\">{string.Concat(parts)}</div></fieldset>");
    }

    private string? Value(string name)
    {
        if (ViewContext.ModelState.TryGetValue(name, out var entry) && entry.AttemptedValue is not null)
        {
            return entry.AttemptedValue;
        }

        return ViewContext.ViewData.Model?.GetType().GetProperty(name)?.GetValue(ViewContext.ViewData.Model)?.ToString();
    }
}

[HtmlTargetElement("govuk-select", TagStructure = TagStructure.WithoutEndTag)]
public sealed class GovukSelectTagHelper : GovukFieldTagHelper
{
    public IEnumerable<Choice> Items { get; set; } = [];

    /// <summary>Text of a first, empty option ("Choose an area"); none when null.</summary>
    public string? Prompt { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", GroupClass);
        var current = CurrentValue();
        var options = (Prompt is null ? "" : $"<option value=\"\">{Encode(Prompt)}</option>") + string.Concat(Items.Select(i =>
            $"<option value=\"{Encode(i.Value)}\"{(i.Value == current ? " selected" : "")}>{Encode(i.Text)}</option>"));
        output.Content.SetHtmlContent(
            LabelHtml(Name) + HintAndErrorHtml() +
            $"<select class=\"govuk-select{(Error is null ? "" : " govuk-select--error")}\" id=\"{Encode(Name)}\" name=\"{Encode(Name)}\"{DescribedBy()}>{options}</select>");
    }
}
